window.labyrintSearch.load("t-s",{"se":"GxL","sig":"G7F er","sit":"A4f e","sted":"D4f","stu":"Dnc","støt":"D7S te","svar":"FsV er","svær":"H6P e"});
