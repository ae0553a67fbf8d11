window.labyrintSearch.load("t-l",{"lil":"A5F le","lyt":"FsE ter","lær":"Itb e","læs":"AwE"});
