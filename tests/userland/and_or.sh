true && echo yes
false && echo no
false || echo alt
true || echo never
false && echo a || echo b
