echo x > f
rm f
ls
rm f 2> e
echo $?
rm -f f
echo $?
mkdir -p d/e
echo x > d/e/f
rm -r d
ls
