echo hello > f
./f
echo $?
