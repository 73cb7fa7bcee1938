mkdir d
echo x > d/b
echo y > d/a
ls d
ls d/a
