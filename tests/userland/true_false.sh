true
echo $?
false
echo $?
/bin/true 2>/dev/null || true
