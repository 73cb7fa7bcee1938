echo 1 >> f
echo 2 >> f
echo 3 >> f
echo 4 >> f
echo 5 >> f
echo 6 >> f
echo 7 >> f
echo 8 >> f
echo 9 >> f
echo 10 >> f
echo 11 >> f
echo 12 >> f
head -n 3 f
tail -n 2 f
head f | wc -l
