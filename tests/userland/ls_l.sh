echo hello > f
ls -l f
ln f g
ls -l g
