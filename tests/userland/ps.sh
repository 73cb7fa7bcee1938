ps > out
grep -c PID out
grep -c 'ps$' out
