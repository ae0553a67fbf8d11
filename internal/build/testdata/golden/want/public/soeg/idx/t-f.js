window.labyrintSearch.load("t-f",{"forklar":"H4f et","fortæl":"FsV ler"});
