echo a \
  b
