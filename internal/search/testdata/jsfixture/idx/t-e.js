window.labyrintSearch.load("t-e",{"egen":"IrGC0Z","eget":"IpOCzDDqM","egn":"DrZ e","ekspert":"PvJ","enhed":"JqcI2J en er"});
