echo copied > a
cp a b
cat b
mkdir d
cp a d
cat d/a
