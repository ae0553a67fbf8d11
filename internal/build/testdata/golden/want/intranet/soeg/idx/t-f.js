window.labyrintSearch.load("t-f",{"fordi":"ItR","fortæl":"Fra ler","får":"D4U"});
