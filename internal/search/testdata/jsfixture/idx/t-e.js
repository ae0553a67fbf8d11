window.labyrintSearch.load("t-e",{"egen":"IrUC0d","eget":"IpZCzDDqM","egn":"DsK e","ekspert":"PvJ","enhed":"JqOI2J en er"});
