echo 'echo $0 $1 $2 $#' > s
sh s a b
sh s
