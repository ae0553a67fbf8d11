window.labyrintSearch.load("t-l",{"lil":"A4f le","lyt":"FsV ter","læs":"Avc"});
