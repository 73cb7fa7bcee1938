cd / > f; pwd > "$HOME/p"
cd "$HOME"
cat p
echo after
