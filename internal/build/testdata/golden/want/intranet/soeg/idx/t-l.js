window.labyrintSearch.load("t-l",{"lil":"A4f le","lyt":"Fra ter","lær":"ItR e","læs":"Avb"});
