echo never
echo a |
