window.labyrintSearch.load("t-l",{"lil":"A4f le","lyt":"FsK ter","læs":"AwJ"});
