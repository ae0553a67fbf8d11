window.labyrintSearch.load("t-m",{"medarbejd":"HsOAzA ere","mød":"FpC e"});
