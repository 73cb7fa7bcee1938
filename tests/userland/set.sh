A_TEST=1
set | grep A_TEST
