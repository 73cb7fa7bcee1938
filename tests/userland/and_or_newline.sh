true &&
  echo x ||
  echo y
