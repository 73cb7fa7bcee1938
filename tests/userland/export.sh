X=1
export X
sh -c 'echo $X'
Y=2
sh -c 'echo "[$Y]"'
export Z=3
sh -c 'echo $Z'
