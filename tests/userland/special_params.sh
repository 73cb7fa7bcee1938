echo $$ | grep -c '^[0-9][0-9]*$'
echo "[$!]"
true &
echo $! | grep -c '^[0-9][0-9]*$'
wait
