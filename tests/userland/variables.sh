X=hello
echo $X ${X}world
Y="$X there"
echo "$Y"
echo [$NONE]
