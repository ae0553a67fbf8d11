window.labyrintSearch.load("t-l",{"lil":"A4f le","lyt":"FpC ter","læs":"AtG"});
