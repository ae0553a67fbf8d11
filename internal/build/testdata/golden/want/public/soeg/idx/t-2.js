window.labyrintSearch.load("t-2",{"2026":"FsV"});
