Z=5 sh -c 'echo $Z'
echo "[$Z]"
