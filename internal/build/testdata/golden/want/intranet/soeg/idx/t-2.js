window.labyrintSearch.load("t-2",{"2022":"Itb","2024":"Itb","2026":"FsE"});
