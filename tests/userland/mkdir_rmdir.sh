mkdir d
mkdir -p a/b/c
ls a/b
rmdir d
ls
mkdir d d 2> e
echo $?
