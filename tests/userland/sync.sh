echo x > f
sync
echo $?
