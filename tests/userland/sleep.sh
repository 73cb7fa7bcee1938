sleep 1
echo $?
sleep 0 && echo zero
