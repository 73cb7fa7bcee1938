sh -c 'echo $0 $1' name arg
sh -c 'exit 7'
echo $?
sh -c 'echo a |'
echo $?
