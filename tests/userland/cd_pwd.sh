mkdir d
cd d
echo x > f
cd ..
cat d/f
cd /
pwd
HOME=/
cd
pwd
