window.labyrintSearch.load("t-2",{"2022":"ItR","2024":"ItR","2026":"Fra"});
