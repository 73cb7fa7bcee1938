cd nosuchdir
echo $?
echo x > f
cd f
echo $?
