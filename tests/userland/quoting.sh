echo 'a  b' "c  d" e\ f
X='q r'
echo "$X" $X '$X'
