sleep 1
echo $?
sleep x 2> e
echo $?
