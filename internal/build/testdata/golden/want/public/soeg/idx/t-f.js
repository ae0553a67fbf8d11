window.labyrintSearch.load("t-f",{"fortæl":"FsK ler","får":"D4V"});
