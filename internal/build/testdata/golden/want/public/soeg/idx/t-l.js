window.labyrintSearch.load("t-l",{"lil":"A4f le","lyt":"Fpa ter","læs":"Ate"});
