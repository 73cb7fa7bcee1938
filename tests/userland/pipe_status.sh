true | false
echo $?
false | true
echo $?
nosuch | true
echo $?
