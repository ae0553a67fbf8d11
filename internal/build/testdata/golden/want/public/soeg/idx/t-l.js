window.labyrintSearch.load("t-l",{"lil":"A5F le","lyt":"FsU ter","læs":"AwR"});
