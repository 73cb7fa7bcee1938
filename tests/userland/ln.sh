echo x > a
ln a b
echo y >> b
cat a
