echo 'echo from stdin; exit 4' > s
sh < s
echo $?
