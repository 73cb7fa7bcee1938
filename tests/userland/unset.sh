X=1
unset X
echo "[$X]"
export Y=2
unset Y
sh -c 'echo "[$Y]"'
