nosuchcommand
echo $?
/no/such/path
echo $?
