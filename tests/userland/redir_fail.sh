cat < missing
echo $?
echo x > no/such/dir/f
echo $?
