window.labyrintSearch.load("t-f",{"fordi":"Itb","forklar":"J5F et","fortæl":"FsE ler","får":"D4V"});
