window.labyrintSearch.load("t-m",{"medarbejd":"HteAzA ere","mød":"Fra e"});
