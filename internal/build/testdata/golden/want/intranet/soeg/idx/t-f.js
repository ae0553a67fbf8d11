window.labyrintSearch.load("t-f",{"forklar":"J4Z et","fortæl":"FsG ler"});
