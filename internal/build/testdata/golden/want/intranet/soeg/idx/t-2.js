window.labyrintSearch.load("t-2",{"2022":"IuG","2024":"IuG","2026":"FsG"});
