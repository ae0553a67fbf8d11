window.labyrintSearch.load("t-f",{"fortæl":"FpC ler","får":"D5I"});
