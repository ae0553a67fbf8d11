window.labyrintSearch.load("t-f",{"forklar":"H5F et","fortæl":"FsU ler","får":"D4X"});
